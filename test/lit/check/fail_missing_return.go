// RUN: %gortc-bin build -verify %s
// A function with results must end in a terminating statement.
package main

func loopBreak() int {
	for {
		break
	}
} // ERROR "missing return"

func ifNoElse(x int) int {
	if x > 0 {
		return 1
	}
} // ERROR "missing return"

func switchNoDefault(x int) int {
	switch x {
	case 1:
		return 1
	}
} // ERROR "missing return"

func labeledBreak() int {
L:
	for {
		for {
			break L
		}
	}
} // ERROR "missing return"

func emptyBody() (r int) {
} // ERROR "missing return"

func typeSwitchNoDefault(i interface{}) int {
	switch i.(type) {
	case int:
		return 1
	}
} // ERROR "missing return"

// These are terminating.
func infinite() int {
	for {
	}
}

func panics() int { panic("x") }

func ifElse(x int) int {
	if x > 0 {
		return 1
	} else {
		return 2
	}
}

func switchDefault(x int) int {
	switch x {
	case 1:
		return 1
	default:
		return 2
	}
}

func gotoLoop() int {
L:
	goto L
}

func main() {
	_, _, _, _, _, _, _, _, _, _, _ = loopBreak, ifNoElse, switchNoDefault, labeledBreak, emptyBody, typeSwitchNoDefault, infinite, panics, ifElse, switchDefault, gotoLoop
}
