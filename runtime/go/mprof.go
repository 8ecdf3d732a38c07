package runtime

// The profiling rates of the blocking and mutex profiles (gc: mprof.go;
// libgort: runtime/runtime_pkg.cpp). gortc records neither profile yet
// (runtime.BlockProfile, MutexProfile and runtime/pprof are missing), so
// the rates are kept and reported back but select nothing. Package testing
// sets them for its -test.blockprofile and -test.mutexprofile flags.

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
