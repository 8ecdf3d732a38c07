// gortc overlay of crypto/sha512/sha512block_amd64.go, upstream sha256 4e8f6ad6f85c01a4a4b22ae46f7906cfcb69de2b3f58a461a995053928572b8f
//
// gortc: the upstream file binds block to assembly, which gortc does not
// assemble. This file is sha512block_generic.go's, so the package uses its
// portable implementation (docs/overview.md, "Overlays").
//
// Copyright 2016 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package sha512

func block(dig *digest, p []byte) {
	blockGeneric(dig, p)
}
