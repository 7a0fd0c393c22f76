package build

import (
	"context"
	"fmt"
	"os"
	"strconv"
)

// testHaltAfter lets the kill-during-build test stop a real `tdsite build`
// process in the middle of writing, deterministically: with
// TDSITE_TEST_ANHALTEN_NACH=N the build pauses after its N-th output file
// until it is interrupted or killed. Unset (always, outside that test) it
// costs one comparison per file.
var testHaltAfter = func() int64 {
	n, err := strconv.ParseInt(os.Getenv("TDSITE_TEST_ANHALTEN_NACH"), 10, 64)
	if err != nil || n <= 0 {
		return -1
	}
	return n
}()

func testHalt(ctx context.Context) {
	fmt.Fprintln(os.Stderr, "tdsite: angehalten (TDSITE_TEST_ANHALTEN_NACH)")
	if ctx == nil {
		select {}
	}
	<-ctx.Done()
}
