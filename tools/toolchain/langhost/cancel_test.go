package langhost

import (
	"context"
	"testing"
	"time"
)

// Cancel interrupts the processes in flight only: an attached engine sends it each time it
// releases a plugin context, and later runs must still work.
func TestCancelInterruptsRunsInFlight(t *testing.T) {
	host := NewHost("dev", "", func() {})
	running, release := host.ProcessContext(context.Background())
	defer release()
	if _, err := host.Cancel(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	select {
	case <-running.Done(): // AfterFunc cancels asynchronously
	case <-time.After(5 * time.Second):
		t.Fatal("Cancel must end the context of a process in flight")
	}

	later, releaseLater := host.ProcessContext(context.Background())
	defer releaseLater()
	if later.Err() != nil {
		t.Fatal("a process started after Cancel must not be cancelled")
	}
}

func TestProcessContextEndsWithTheRequest(t *testing.T) {
	host := NewHost("dev", "", func() {})
	request, cancel := context.WithCancel(context.Background())
	processCtx, release := host.ProcessContext(request)
	defer release()
	cancel()
	if processCtx.Err() == nil {
		t.Fatal("the process context must end with the request's")
	}
}
