package langhost

import (
	"errors"
	"fmt"
	"os/exec"
	"syscall"
	"unicode"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitCodeUserActionable is the exit code with which the language SDKs' program runners
// (@pulumi/pulumi's cmd/run, the Python exec script) report that they have already shown the user
// an error; the engine then fails without adding a message ("bail").
const exitCodeUserActionable = 32

// runResponse turns how a program's process ended (the error of exec.Cmd.Run) into the engine's
// answer to Run, in the language's wording.
func (language Language) runResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	fail := func(format string, arg any) *pulumirpc.RunResponse {
		message := []rune(fmt.Sprintf(format, arg))
		if language.CapitalisedErrors {
			message[0] = unicode.ToUpper(message[0])
		}
		return &pulumirpc.RunResponse{Error: string(message)}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return fail("problem executing program (could not run language executor): %v", err)
	}
	if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return fail("program was terminated by signal: %v", ws.Signal())
	}
	switch code := exitErr.ExitCode(); code {
	case exitCodeUserActionable:
		// The SDK has already reported the error through the engine.
		return &pulumirpc.RunResponse{Bail: true}
	default:
		return fail("program exited with non-zero exit code: %d", code)
	}
}
