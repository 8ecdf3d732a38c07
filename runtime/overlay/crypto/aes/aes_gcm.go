// gortc overlay of crypto/aes/aes_gcm.go, upstream sha256 8121f5836c91d47f2393f4eaf6b645751f154089ddc45f4c67366ed8110b6ceb
//
// gortc: the upstream file holds the AES-GCM mode, bound to assembly, which
// gortc does not assemble; with the portable implementation in its place
// nothing needs them (docs/overview.md, "Overlays").
//
// Copyright 2015 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build amd64 || arm64

package aes
