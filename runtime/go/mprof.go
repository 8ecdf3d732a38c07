package runtime

import "unsafe"

// The profiles gc's mprof.go and cpuprof.go offer (libgort:
// runtime/mprof.cpp and cpuprof.cpp; the design notes there say how each
// is recorded): memory, blocking, mutex contention, goroutines, thread
// creation and CPU. This file has the records' types and the Go sides of
// the functions; the bodiless ones are libgort's. runtime/pprof builds on
// them through the hooks at the end.

// StackRecord describes a single execution stack.
type StackRecord struct {
	Stack0 [32]uintptr // stack trace for this record; ends at first 0 entry
}

// Stack returns the stack trace associated with the record, a prefix of
// r.Stack0.
func (r *StackRecord) Stack() []uintptr {
	for i, v := range r.Stack0 {
		if v == 0 {
			return r.Stack0[0:i]
		}
	}
	return r.Stack0[0:]
}

// MemProfileRate controls the fraction of memory allocations that are
// recorded and reported in the memory profile: on average one allocation
// per MemProfileRate bytes allocated. 0 turns profiling off, 1 records
// every allocation. Set it as early as possible in a program, and once.
// libgort keeps the variable (runtime/mprof.cpp), starting at gc's 512 KiB.
//
//go:linkname MemProfileRate gort.memProfileRate
var MemProfileRate int

// A MemProfileRecord describes the live objects allocated by a particular
// call sequence (stack trace).
type MemProfileRecord struct {
	AllocBytes, FreeBytes     int64       // number of bytes allocated, freed
	AllocObjects, FreeObjects int64       // number of objects allocated, freed
	Stack0                    [32]uintptr // stack trace for this record; ends at first 0 entry
}

// InUseBytes returns the number of bytes in use (AllocBytes - FreeBytes).
func (r *MemProfileRecord) InUseBytes() int64 { return r.AllocBytes - r.FreeBytes }

// InUseObjects returns the number of objects in use (AllocObjects -
// FreeObjects).
func (r *MemProfileRecord) InUseObjects() int64 {
	return r.AllocObjects - r.FreeObjects
}

// Stack returns the stack trace associated with the record, a prefix of
// r.Stack0.
func (r *MemProfileRecord) Stack() []uintptr {
	for i, v := range r.Stack0 {
		if v == 0 {
			return r.Stack0[0:i]
		}
	}
	return r.Stack0[0:]
}

// BlockProfileRecord describes blocking events originated at a particular
// call sequence (stack trace).
type BlockProfileRecord struct {
	Count  int64
	Cycles int64
	StackRecord
}

// SetBlockProfileRate controls the fraction of goroutine blocking events
// that are reported in the blocking profile: on average one event per rate
// nanoseconds spent blocked; rate = 1 includes every event and rate <= 0
// turns profiling off.
func SetBlockProfileRate(rate int)

// SetMutexProfileFraction controls the fraction of mutex contention events
// that are reported in the mutex profile: on average 1/rate events. Rate 0
// turns profiling off; a negative rate only reads the current one. The
// previous rate is returned.
func SetMutexProfileFraction(rate int) int

// memProfile, blockProfile, threadCreateProfile and goroutineProfile
// return how many records their profile has now, and store them in p if
// it has room for all (runtime/mprof.cpp).
func memProfile(p []MemProfileRecord, inuseZero bool) int
func blockProfile(p []BlockProfileRecord, mutex bool) int
func threadCreateProfile(p []StackRecord) int
func goroutineProfile(p []StackRecord, labels []unsafe.Pointer) int

// MemProfile returns a profile of memory allocated and freed per
// allocation site, as of the most recently completed garbage collection
// (allocations since then are not yet counted, so that the profile is not
// biased toward garbage). It returns n, the number of records in the
// current memory profile. If len(p) >= n, MemProfile copies the profile
// into p and returns n, true; otherwise it copies nothing and returns
// n, false. If inuseZero is true, the profile includes sites where
// r.AllocBytes > 0 but r.AllocBytes == r.FreeBytes.
func MemProfile(p []MemProfileRecord, inuseZero bool) (n int, ok bool) {
	n = memProfile(p, inuseZero)
	return n, n <= len(p)
}

// BlockProfile returns n, the number of records in the current blocking
// profile, and copies the profile into p if len(p) >= n (ok true).
func BlockProfile(p []BlockProfileRecord) (n int, ok bool) {
	n = blockProfile(p, false)
	return n, n <= len(p)
}

// MutexProfile returns n, the number of records in the current mutex
// profile, and copies the profile into p if len(p) >= n (ok true).
func MutexProfile(p []BlockProfileRecord) (n int, ok bool) {
	n = blockProfile(p, true)
	return n, n <= len(p)
}

// ThreadCreateProfile returns n, the number of records in the thread
// creation profile, and copies the profile into p if len(p) >= n.
func ThreadCreateProfile(p []StackRecord) (n int, ok bool) {
	n = threadCreateProfile(p)
	return n, n <= len(p)
}

// GoroutineProfile returns n, the number of records in the active
// goroutine stack profile, and copies the profile into p if len(p) >= n.
func GoroutineProfile(p []StackRecord) (n int, ok bool) {
	n = goroutineProfile(p, nil)
	return n, n <= len(p)
}

//go:linkname pprof_goroutineProfileWithLabels runtime/pprof.runtime_goroutineProfileWithLabels
func pprof_goroutineProfileWithLabels(p []StackRecord, labels []unsafe.Pointer) (n int, ok bool) {
	if labels != nil && len(labels) != len(p) {
		labels = nil
	}
	n = goroutineProfile(p, labels)
	return n, n <= len(p)
}

// SetCPUProfileRate sets the CPU profiling rate to hz samples per second.
// If hz <= 0, SetCPUProfileRate turns off profiling. If the profiler is
// on, the rate cannot be changed without first turning it off. Most
// clients should use the runtime/pprof package instead.
func SetCPUProfileRate(hz int)

// CPUProfile panics, as gc's does since Go 1.9: use runtime/pprof.
func CPUProfile() []byte {
	panic("CPUProfile no longer available")
}

// cpuProfileRead moves the whole records of the CPU profile's log that
// fit into data, and their tags (one per record) into tags, and returns
// the number of words; it blocks until there is something, and returns -1
// once profiling is off and the log is empty (runtime/cpuprof.cpp).
func cpuProfileRead(data []uint64, tags []unsafe.Pointer) int

// readProfile returns the next chunk of the CPU profile's log (gc:
// runtime_pprof_readProfile): records of [length, time, count, stack...]
// words, one tag each, the first a header with the rate.
//
//go:linkname pprof_readProfile runtime/pprof.readProfile
func pprof_readProfile() ([]uint64, []unsafe.Pointer, bool) {
	data := make([]uint64, 1<<14)
	tags := make([]unsafe.Pointer, 1<<10)
	w := cpuProfileRead(data, tags)
	if w < 0 {
		return nil, nil, true
	}
	r := 0
	for i := 0; i < w; i += int(data[i]) {
		r++
	}
	return data[:w], tags[:r], false
}

// pprof's tick rate: libgort counts blocking time in nanoseconds
// (runtime/mprof.cpp, cputicks).
//
//go:linkname pprof_cyclesPerSecond runtime/pprof.runtime_cyclesPerSecond
func pprof_cyclesPerSecond() int64 { return 1e9 }

// A stack from Callers here holds one return address per physical frame
// and CallersFrames expands the calls inlined at each, so no stack ends
// in a partly expanded frame (gc: expandFinalInlineFrame).
//
//go:linkname pprof_expandFinalInlineFrame runtime/pprof.runtime_expandFinalInlineFrame
func pprof_expandFinalInlineFrame(stk []uintptr) []uintptr { return stk }
