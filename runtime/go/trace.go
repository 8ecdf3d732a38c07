package runtime

import _ "unsafe" // for go:linkname

// The execution tracer's API (gc: trace.go). gortc has no execution
// tracer yet: StartTrace reports that, and tracing is never enabled, so
// the rest behaves as gc's does while tracing is off. This is what lets
// package runtime/trace, and through it package testing, build and run;
// trace.Start returns StartTrace's error.

// StartTrace would enable tracing for the current process; in gortc it
// returns an error and changes nothing.
func StartTrace() error {
	return plainError("runtime: execution tracing is not supported by gortc")
}

// StopTrace stops tracing, if it was enabled: with gortc it never is.
func StopTrace() {}

// ReadTrace returns the next chunk of binary tracing data, or nil once
// tracing is off and everything has been read: always nil here.
func ReadTrace() []byte { return nil }

// runtime/trace's annotations record events only while tracing is
// enabled (gc: trace_userTaskCreate and the others return at once
// otherwise).

//go:linkname trace_userTaskCreate runtime/trace.userTaskCreate
func trace_userTaskCreate(id, parentID uint64, taskType string) {}

//go:linkname trace_userTaskEnd runtime/trace.userTaskEnd
func trace_userTaskEnd(id uint64) {}

//go:linkname trace_userRegion runtime/trace.userRegion
func trace_userRegion(id, mode uint64, name string) {}

//go:linkname trace_userLog runtime/trace.userLog
func trace_userLog(id uint64, category, message string) {}
