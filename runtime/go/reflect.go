package runtime

import "unsafe"

// zeroVal is the zero value reflect hands out for absent map elements and
// zero Values (gc: map.go; reflect pulls it by //go:linkname).
var zeroVal [1024]byte

// reflect_typelinks returns the program's types that reflect may look up
// by their string (gc: the linker's typelinks section). gortc emits none
// yet, so reflect makes new descriptors for the types ArrayOf, ChanOf,
// MapOf, SliceOf ... ask for.
//
//go:linkname reflect_typelinks reflect.typelinks
func reflect_typelinks() ([]unsafe.Pointer, [][]int32) {
	return nil, nil
}
