// gortc overlay of hash/crc32/crc32_amd64.go, upstream sha256 a7dbf07217f84a6b430fdb7049c6550a9b8f59af5e8ff06d3bd4c6953c658d5c
//
// gortc: the upstream file binds the checksums to assembly (crc32_amd64.s),
// which gortc does not assemble. This file is crc32_otherarch.go's, for
// amd64: no architecture-specific implementation, so package crc32 uses its
// portable slicing-by-8 tables (docs/overview.md, "Overlays").
//
// Copyright 2011 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package crc32

func archAvailableIEEE() bool                    { return false }
func archInitIEEE()                              { panic("not available") }
func archUpdateIEEE(crc uint32, p []byte) uint32 { panic("not available") }

func archAvailableCastagnoli() bool                    { return false }
func archInitCastagnoli()                              { panic("not available") }
func archUpdateCastagnoli(crc uint32, p []byte) uint32 { panic("not available") }
