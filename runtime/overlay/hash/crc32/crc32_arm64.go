// gortc overlay of hash/crc32/crc32_arm64.go, upstream sha256 e3c97e14322a0dd605f21797bf1aff2cbfac580ed41b109cabab909d35b7f320
//
// gortc: the upstream file binds the checksums to assembly (crc32_arm64.s),
// which gortc does not assemble. This file is crc32_otherarch.go's, for
// arm64: no architecture-specific implementation, so package crc32 uses its
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
