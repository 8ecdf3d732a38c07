// gortc overlay of crypto/md5/md5block_decl.go, upstream sha256 83c6d443e191d2278f8104be5d7ab915db9123ec5e7a31123321a164ba000f59
//
// gortc: the upstream file binds block to assembly, which gortc does not
// assemble. This file is md5block_generic.go's, so the package uses its
// portable implementation (docs/overview.md, "Overlays").
//
// Copyright 2014 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package md5

const haveAsm = false

func block(dig *digest, p []byte) {
	blockGeneric(dig, p)
}
