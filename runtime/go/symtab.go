package runtime

// Frames may be used to get function/file/line information for a slice of
// PC values returned by Callers.
type Frames struct {
	callers []uintptr // PCs not yet expanded
	frames  []Frame   // frames expanded and not yet returned
}

// Frame is the information returned by Frames for each call frame.
type Frame struct {
	// PC is the program counter for the location in this frame: for a
	// frame that calls another frame, inside the call instruction.
	PC uintptr
	// Func is the Func value of this call frame; nil for an inlined call.
	Func *Func
	// Function is the package path-qualified function name.
	Function string
	// File and Line are the file name and line number of the location.
	File string
	Line int
	// Entry is the entry address of the function holding the frame.
	Entry uintptr
}

// A Func represents a Go function in the running binary.
type Func struct {
	name  string
	entry uintptr
}

// pcFrame is one frame at a PC as libgort reports it (runtime/
// traceback.cpp mirrors the layout): the functions inlined there, innermost
// first, then the function holding the PC.
type pcFrame struct {
	function string
	dir      string // empty for the compilation directory
	file     string
	line     int
	entry    uintptr
	inlined  bool
}

// callers stores the return addresses of the calling goroutine's Go frames
// in pcbuf, skipping skip of them (0: the frame of the function calling
// callers), and returns how many it stored (libgort).
func callers(skip int, pcbuf []uintptr) int

// pcFrames stores the frames at pc, a PC inside a call or another
// instruction of a Go function, in buf and returns how many (libgort).
func pcFrames(pc uintptr, buf []pcFrame) int

// Callers fills the slice pc with the return program counters of function
// invocations on the calling goroutine's stack. The argument skip is the
// number of stack frames to skip before recording in pc, with 0 identifying
// the frame for Callers itself and 1 identifying the caller of Callers. It
// returns the number of entries written to pc.
func Callers(skip int, pc []uintptr) int {
	if len(pc) == 0 {
		return 0
	}
	return callers(skip, pc)
}

// Caller reports file and line number information about function
// invocations on the calling goroutine's stack. The argument skip is the
// number of stack frames to ascend, with 0 identifying the caller of
// Caller.
func Caller(skip int) (pc uintptr, file string, line int, ok bool) {
	rpc := make([]uintptr, 1)
	if callers(skip+1, rpc) < 1 {
		return
	}
	frame, _ := CallersFrames(rpc).Next()
	return frame.PC, frame.File, frame.Line, frame.PC != 0
}

// CallersFrames takes a slice of PCs returned by Callers and prepares to
// return function/file/line information.
func CallersFrames(callers []uintptr) *Frames {
	return &Frames{callers: callers}
}

// Next returns a Frame representing the next call frame in the slice of PC
// values, and whether there are more frames after it.
func (ci *Frames) Next() (frame Frame, more bool) {
	for len(ci.frames) < 2 && len(ci.callers) > 0 {
		// A return address: the call is the instruction before it.
		pc := ci.callers[0] - 1
		ci.callers = ci.callers[1:]
		var buf [16]pcFrame
		n := pcFrames(pc, buf[:])
		for i := 0; i < n; i++ {
			f := &buf[i]
			name := funcNameForPrint(f.function)
			fr := Frame{PC: pc, Function: name, File: joinPath(f.dir, f.file), Line: f.line, Entry: f.entry}
			if !f.inlined {
				fr.Func = &Func{name: name, entry: f.entry}
			}
			ci.frames = append(ci.frames, fr)
		}
	}
	if len(ci.frames) == 0 {
		return Frame{}, false
	}
	frame = ci.frames[0]
	ci.frames = ci.frames[1:]
	return frame, len(ci.frames) > 0
}

// FuncForPC returns a *Func describing the function that contains the given
// program counter address, or else nil. If pc represents several functions
// because of inlining, it describes the innermost one, with the entry of
// the outermost.
func FuncForPC(pc uintptr) *Func {
	var buf [1]pcFrame
	if pcFrames(pc, buf[:]) == 0 {
		return nil
	}
	return &Func{name: funcNameForPrint(buf[0].function), entry: buf[0].entry}
}

// funcNameForPrint returns a function's name as gc's tables hold it: the
// type arguments of an instance of generic code are elided, main.F[...]
// and main.(*List[...]).Push (gortc's symbols carry them: main.F[int]).
func funcNameForPrint(name string) string {
	i := 0
	for i < len(name) && name[i] != '[' {
		i++
	}
	if i == len(name) {
		return name
	}
	b := make([]byte, 0, len(name))
	depth := 0
	for j := 0; j < len(name); j++ {
		switch c := name[j]; {
		case c == '[':
			if depth == 0 {
				b = append(b, "[...]"...)
			}
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth == 0:
			b = append(b, c)
		}
	}
	return string(b)
}

// Name returns the name of the function.
func (f *Func) Name() string {
	if f == nil {
		return ""
	}
	return f.name
}

// Entry returns the entry address of the function.
func (f *Func) Entry() uintptr {
	if f == nil {
		return 0
	}
	return f.entry
}

// FileLine returns the file name and line number of the source code
// corresponding to the program counter pc.
func (f *Func) FileLine(pc uintptr) (file string, line int) {
	var buf [1]pcFrame
	if pcFrames(pc, buf[:]) == 0 {
		return "?", 0
	}
	return joinPath(buf[0].dir, buf[0].file), buf[0].line
}

func joinPath(dir, file string) string {
	if dir == "" {
		return file
	}
	return dir + "/" + file
}
