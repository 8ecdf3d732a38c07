// gortc overlay of crypto/sha256/sha256block_amd64.go, upstream sha256 98753e3b072c7467791a1a58652b983164258ffc8aeaf7cea9c3924d6a297b96
//
// gortc: the upstream file holds the AVX2 switch, bound to assembly, which
// gortc does not assemble; with the portable implementation in its place
// nothing needs them (docs/overview.md, "Overlays").
//
// Copyright 2017 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package sha256
