// gortc overlay of crypto/sha256/sha256block_arm64.go, upstream sha256 8000589fa6828851222faf765d6944242ef698d1402b123b4a87d90ce2ba9fc4
//
// gortc: the upstream file binds block to assembly, which gortc does not
// assemble. block is sha256block_generic.go's, so the package uses its
// portable implementation (docs/overview.md, "Overlays").
//
// Copyright 2017 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package sha256

func block(dig *digest, p []byte) {
	blockGeneric(dig, p)
}
