package runtime

import "unsafe"

// zeroVal is the zero value reflect hands out for absent map elements and
// zero Values (gc: map.go; reflect pulls it by //go:linkname).
var zeroVal [1024]byte

// typelinksBase, typelinksOffsets and typelinksCount describe the
// program's typelinks, sorted by type string: descriptor i is at base +
// offsets[i] (libgort: runtime/type.cpp gathers them the first time).
func typelinksBase() unsafe.Pointer
func typelinksOffsets() unsafe.Pointer
func typelinksCount() int

// reflect_typelinks returns the program's unnamed composite types, which
// reflect looks up by their string so that ArrayOf, ChanOf, FuncOf, MapOf,
// SliceOf ... find the program's own descriptors (gc: the linker's
// typelinks section; gortc's codegen emits the entries).
//
//go:linkname reflect_typelinks reflect.typelinks
func reflect_typelinks() ([]unsafe.Pointer, [][]int32) {
	n := typelinksCount()
	if n == 0 {
		return nil, nil
	}
	offs := (*[1 << 28]int32)(typelinksOffsets())[:n:n]
	return []unsafe.Pointer{typelinksBase()}, [][]int32{offs}
}
