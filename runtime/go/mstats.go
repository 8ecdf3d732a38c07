package runtime

// A MemStats records statistics about the memory allocator (gc's fields,
// with gc's meanings where gortc's allocator and collector have the
// quantity; runtime/mstats.cpp fills it and says how each is computed).
type MemStats struct {
	// General statistics.
	Alloc      uint64 // bytes of allocated heap objects
	TotalAlloc uint64 // cumulative bytes allocated for heap objects
	Sys        uint64 // total bytes of memory obtained from the OS
	Lookups    uint64 // pointer lookups by the runtime (always 0)
	Mallocs    uint64 // cumulative count of heap objects allocated
	Frees      uint64 // cumulative count of heap objects freed

	// Heap memory statistics.
	HeapAlloc    uint64 // bytes of allocated heap objects (= Alloc)
	HeapSys      uint64 // bytes of heap memory obtained from the OS
	HeapIdle     uint64 // bytes in idle (unused) spans
	HeapInuse    uint64 // bytes in in-use spans
	HeapReleased uint64 // bytes of physical memory returned to the OS
	HeapObjects  uint64 // number of allocated heap objects

	// Stack memory statistics.
	StackInuse uint64 // bytes in stack spans
	StackSys   uint64 // bytes of stack memory obtained from the OS

	// Off-heap memory statistics.
	MSpanInuse  uint64 // bytes of allocated mspan structures
	MSpanSys    uint64 // bytes obtained from the OS for mspan structures
	MCacheInuse uint64 // bytes of allocated mcache structures
	MCacheSys   uint64 // bytes obtained from the OS for mcache structures
	BuckHashSys uint64 // bytes of profiling bucket hash tables
	GCSys       uint64 // bytes of garbage collection metadata
	OtherSys    uint64 // bytes of other off-heap runtime allocations

	// Garbage collector statistics.
	NextGC        uint64      // target heap size of the next GC cycle
	LastGC        uint64      // when the last cycle finished, ns since 1970
	PauseTotalNs  uint64      // cumulative ns in stop-the-world pauses
	PauseNs       [256]uint64 // recent pauses, most recent at [(NumGC+255)%256]
	PauseEnd      [256]uint64 // when each pause ended, ns since 1970
	NumGC         uint32      // completed GC cycles
	NumForcedGC   uint32      // cycles forced by runtime.GC
	GCCPUFraction float64     // fraction of CPU time used by the GC
	EnableGC      bool        // always true
	DebugGC       bool        // currently unused

	// BySize reports per-size class allocation statistics.
	BySize [61]struct {
		Size    uint32
		Mallocs uint64
		Frees   uint64
	}
}

// ReadMemStats populates m with memory allocator statistics, consistent
// as of the call: it stops the world briefly, as gc's does.
func ReadMemStats(m *MemStats)
