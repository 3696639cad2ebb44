// Baseline: N times os/exec Start + Wait of /bin/true, as Kata Containers v1 starts and waits for
// its shims (virtcontainers/shim.go: exec.Cmd, Start, then Wait); prints the total nanoseconds.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

func main() {
	n := 1000
	if len(os.Args) > 1 {
		var err error
		if n, err = strconv.Atoi(os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, "usage: spawn_true_go [N]")
			os.Exit(2)
		}
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		cmd := exec.Command("/bin/true")
		if err := cmd.Start(); err != nil {
			fmt.Fprintln(os.Stderr, "start:", err)
			os.Exit(1)
		}
		if err := cmd.Wait(); err != nil {
			fmt.Fprintln(os.Stderr, "wait:", err)
			os.Exit(1)
		}
	}
	fmt.Println(time.Since(start).Nanoseconds())
}
