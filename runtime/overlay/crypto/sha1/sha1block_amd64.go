// gortc overlay of crypto/sha1/sha1block_amd64.go, upstream sha256 656c3e2c50a1ea532402e7b112b6f41f1237806742277a6ee22b80e15bb2c43b
//
// gortc: the upstream file binds block to assembly, which gortc does not
// assemble. block is sha1block_generic.go's, so the package uses its portable
// implementation (docs/overview.md, "Overlays").
//
// Copyright 2016 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package sha1

func block(dig *digest, p []byte) {
	blockGeneric(dig, p)
}
