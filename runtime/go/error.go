package runtime

import "unsafe"

// The Error interface identifies a run time error.
type Error interface {
	error

	// RuntimeError is a no-op function but
	// serves to distinguish types that are run time
	// errors from ordinary errors: a type is a
	// run time error if it has a RuntimeError method.
	RuntimeError()
}

// _type is a type descriptor's header, as libgort/abi.h's Type (gc:
// type.go).
type _type struct {
	size       uintptr
	ptrdata    uintptr
	hash       uint32
	tflag      uint8
	align      uint8
	fieldAlign uint8
	kind       uint8
	equal      func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata     *byte
	str        int32
	ptrToThis  int32
}

// A TypeAssertionError explains a failed type assertion.
type TypeAssertionError struct {
	_interface    *_type
	concrete      *_type
	asserted      *_type
	missingMethod string // one method needed by Interface, missing from Concrete
}

func (*TypeAssertionError) RuntimeError() {}

func (e *TypeAssertionError) Error() string { return typeAssertionErrorString(e) }

// typeAssertionErrorString formats e's message (runtime/error.cpp).
func typeAssertionErrorString(e *TypeAssertionError) string

// An errorString represents a runtime error described by a single string.
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

// A plainError is an error without the "runtime error: " prefix.
type plainError string

func (e plainError) RuntimeError() {}

func (e plainError) Error() string {
	return string(e)
}

// A boundsError represents an indexing or slicing operation gone wrong.
type boundsError struct {
	x int64
	y int
	// Values in an index or slice expression can be signed or unsigned.
	// That means we'd need 65 bits to encode all possible indexes, from -2^63 to 2^64-1.
	// Instead, we keep track of whether x should be interpreted as signed or unsigned.
	// y is known to be nonnegative and to fit in an int.
	signed bool
	code   boundsErrorCode
}

type boundsErrorCode uint8

func (e boundsError) RuntimeError() {}

func (e boundsError) Error() string { return boundsErrorString(&e) }

// boundsErrorString formats e's message (runtime/error.cpp).
func boundsErrorString(e *boundsError) string

// libgort panics with values of these types and names their descriptors by
// symbol (runtime/error.h); these conversions make the compiler emit the
// descriptors, their method tables and itabs.
var runtimeErrorTypes = [...]Error{
	errorString(""), plainError(""), boundsError{}, (*TypeAssertionError)(nil),
}

// Errors of math/bits, which reaches them by //go:linkname (gc: panic.go).
var overflowError = error(errorString("integer overflow"))
var divideError = error(errorString("integer divide by zero"))
