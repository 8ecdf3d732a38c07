package main

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64    { return r.W * r.H }
func (r Rect) Name() string     { return "rect" }
func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }

type List[T any] struct {
	next *List[T]
	val  T
}

func sum(xs ...int) (total int) {
	for _, x := range xs {
		total += x
	}
	return
}

func main() {
	shapes := []Shape{Rect{1, 2}, &Circle{3}}
	for i, s := range shapes {
		switch v := s.(type) {
		case Rect:
			println(i, v.W, s.Name())
		case *Circle:
			println(i, v.R)
		default:
			println("?")
		}
	}
	m := map[string]int{"a": 1}
	ch := make(chan int, 1)
	ch <- sum(1, 2, 3)
	select {
	case v := <-ch:
		m["b"] = v
	default:
	}
	defer func() { recover() }()
	const c = 1 << 62
	var arr [4]int
	_ = arr[1:3:4]
	f := func(x int) int { return x * c >> 60 }
	println(f(2), len(m))
	goto end
end:
}
