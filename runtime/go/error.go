package runtime

import "unsafe"

// Error identifies a run-time error (a failed bounds check, a nil
// dereference, a division by zero ...): the types below, which libgort
// panics with (runtime/error.cpp).
type Error interface {
	error
	// RuntimeError does nothing; having it is what makes a run-time error.
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

// A TypeAssertionError is the value of a failed type assertion's panic;
// runtime/error.h's TypeAssertionError has the same layout.
type TypeAssertionError struct {
	_interface    *_type
	concrete      *_type
	asserted      *_type
	missingMethod string // a method asserted's interface has and concrete lacks
}

func (*TypeAssertionError) RuntimeError() {}

func (e *TypeAssertionError) Error() string { return typeAssertionErrorString(e) }

// typeAssertionErrorString formats e's message (runtime/error.cpp).
func typeAssertionErrorString(e *TypeAssertionError) string

// An errorString is a run-time error that is just its text.
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

// A plainError is an errorString whose message has no "runtime error: "
// prefix.
type plainError string

func (e plainError) RuntimeError() {}

func (e plainError) Error() string {
	return string(e)
}

// A boundsError is a failed index, slice or conversion bound: x is the
// offending value (signed says whether to read it as int64 or uint64), y
// the length, capacity or other bound it failed against, code which check
// failed (libgort/bounds.h). Same layout as runtime/error.h's BoundsError.
type boundsError struct {
	x      int64
	y      int
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
