package langhost

import (
	"errors"
	"fmt"
	"os/exec"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitCodeUserActionable is the exit code with which the language SDKs' program runners
// (@pulumi/pulumi's cmd/run, the Python exec script) report that they have already shown the user
// an error; the engine then fails without adding a message ("bail").
const exitCodeUserActionable = 32

// RunMessages are the errors a RunResponse reports, as format strings of one argument. Each host
// keeps its upstream's wording (the Node.js host capitalises them, the Python host does not).
type RunMessages struct {
	NotStarted string // %v: why the program's process could not be run
	Signalled  string // %v: the signal that terminated it
	ExitCode   string // %d: its non-zero exit code
}

// RunResponse turns how a program's process ended (the error of exec.Cmd.Run) into the engine's
// answer to Run.
func RunResponse(err error, messages RunMessages) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(messages.NotStarted, err)}
	}
	if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(messages.Signalled, ws.Signal())}
	}
	switch code := exitErr.ExitCode(); code {
	case exitCodeUserActionable:
		// The SDK has already reported the error through the engine.
		return &pulumirpc.RunResponse{Bail: true}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(messages.ExitCode, code)}
	}
}
