// gortc overlay of crypto/internal/nistec/p256_asm_ordinv.go, upstream sha256 cea046c5a2a8d9409ba99be26900ec0795e0913778bad9be1ae9d5672db29606
//
// gortc: the upstream file holds P256OrdInverse, bound to assembly, which
// gortc does not assemble; with the portable implementation in its place
// nothing needs them (docs/overview.md, "Overlays").
//
// Copyright 2022 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build amd64 || arm64

package nistec
