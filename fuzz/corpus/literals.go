package main
func main() { x := 0x1p-2i + 1_0 + 0o7 + '\u00e9'; var s = `raw`; _ = s; println(x) }
