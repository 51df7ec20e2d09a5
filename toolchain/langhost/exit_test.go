package langhost

import (
	"errors"
	"os/exec"
	"testing"
)

func TestRunResponse(t *testing.T) {
	messages := RunMessages{NotStarted: "not started: %v", Signalled: "signal: %v", ExitCode: "exit code: %d"}
	run := func(script string) error { return exec.Command("sh", "-c", script).Run() }
	if r := RunResponse(nil, messages); r.GetError() != "" || r.GetBail() {
		t.Errorf("success: %v", r)
	}
	if r := RunResponse(run("exit 32"), messages); !r.GetBail() || r.GetError() != "" {
		t.Errorf("exit 32 must bail without a message: %v", r)
	}
	if r := RunResponse(run("exit 3"), messages); r.GetError() != "exit code: 3" || r.GetBail() {
		t.Errorf("exit 3: %v", r)
	}
	if r := RunResponse(run("kill -TERM $$"), messages); r.GetError() != "signal: terminated" {
		t.Errorf("signal: %v", r)
	}
	if r := RunResponse(errors.New("no such file"), messages); r.GetError() != "not started: no such file" || r.GetBail() {
		t.Errorf("start failure: %v", r)
	}
}
