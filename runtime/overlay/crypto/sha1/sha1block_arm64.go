// gortc overlay of crypto/sha1/sha1block_arm64.go, upstream sha256 e45002bc21618ad399ffab071a52f40f3ff9a3e749c2bf40ca4270ff4bb28db2
//
// gortc: the upstream file binds block to assembly, which gortc does not
// assemble. block is sha1block_generic.go's, so the package uses its portable
// implementation (docs/overview.md, "Overlays").
//
// Copyright 2017 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package sha1

func block(dig *digest, p []byte) {
	blockGeneric(dig, p)
}
