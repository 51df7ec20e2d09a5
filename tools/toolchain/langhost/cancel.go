package langhost

import (
	"context"
	"os"
	"os/exec"
	"time"

	"google.golang.org/protobuf/types/known/emptypb"
)

// Cancel interrupts the programs (and plugins) running now; the engine calls it on Ctrl-C and
// before it shuts us down.
func (host *Host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	host.mu.Lock()
	defer host.mu.Unlock()
	host.cancelFunc()
	host.cancelCtx, host.cancelFunc = context.WithCancel(context.Background())
	return &emptypb.Empty{}, nil
}

// ProcessContext is the context to start a program's process with: it is done when ctx (the
// request's) is, or when the engine calls Cancel while the process runs. Call release once the
// process has finished.
func (host *Host) ProcessContext(ctx context.Context) (_ context.Context, release func()) {
	processCtx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(host.cancelled(), cancel)
	return processCtx, func() { stop(); cancel() }
}

// cancelled returns the context that the next Cancel call cancels.
func (host *Host) cancelled() context.Context {
	host.mu.Lock()
	defer host.mu.Unlock()
	return host.cancelCtx
}

// Interruptible makes a command started with exec.CommandContext get SIGINT, rather than be
// killed, when its context is done, so that the SDK can report what it was doing; it is killed
// if it has not exited 5s later.
func Interruptible(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
}
