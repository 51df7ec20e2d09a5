package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitCodeUserActionable is the exit code with which the exec script reports that it has already
// shown the user an error; the engine then fails without adding a message ("bail").
const exitCodeUserActionable = 32

// Run executes a program: the Python of its environment (virtualenv, poetry or uv) runs the exec
// script with the engine's settings as flags and the configuration in the environment; the Python
// SDK then connects to the engine's resource monitor itself.
func (host *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if req.GetAttachDebugger() {
		return fail(errors.New("this Python language host does not support attaching a debugger"))
	}
	tc, opts, err := resolveToolchain(req.GetInfo(), false)
	if err != nil {
		return fail(err)
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return fail(err)
	}
	if err := typecheck(ctx, tc, opts); err != nil {
		return fail(err)
	}
	env, err := runEnvironment(req)
	if err != nil {
		return fail(err)
	}

	args := append(host.execArguments(), runArguments(req, host.engine(), host.tracing)...)
	cmdCtx, cancel := context.WithCancel(ctx)
	defer context.AfterFunc(host.cancelled(), cancel)()
	defer cancel()
	cmd, err := tc.Command(cmdCtx, args...)
	if err != nil {
		return fail(err)
	}
	// Interrupt first so that the SDK can report what it was doing; kill after 5s.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	if cmd.Env == nil { // the ambient Python: no virtualenv to activate
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, env...)
	// The program's output goes to our stdout/stderr, which the engine shows. The writers are
	// wrapped so that exec copies through pipes rather than handing Python our descriptors.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("Running program: %s %q", cmd.Path, runArguments(req, host.engine(), host.tracing))

	return runResponse(cmd.Run()), nil
}

// execArguments are the Python arguments that run the exec script: ours, or the file given with
// -use-executor (for example upstream's pulumi-language-python-exec).
func (host *languageHost) execArguments() []string {
	if host.executor != "" {
		return []string{host.executor}
	}
	return []string{"-c", execScript}
}

// runArguments builds the exec script's command line: its flags, with upstream's names, then the
// entry point relative to --pwd (the engine sends "." for the program directory), then the
// program's own arguments.
func runArguments(req *pulumirpc.RunRequest, engineAddress, tracing string) []string {
	var args []string
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", engineAddress)
	flag("project", req.GetProject())
	flag("root_directory", req.GetInfo().GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", req.GetPwd())
	flag("dry_run", strconv.FormatBool(req.GetDryRun()))
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", tracing)
	flag("organization", req.GetOrganization())

	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// runEnvironment passes the stack configuration the way the Python SDK reads it (see
// pulumi.runtime.get_config_env): PULUMI_CONFIG, a JSON object of the engine's `namespace:name`
// keys, and PULUMI_CONFIG_SECRET_KEYS, a JSON array of the keys whose values are secret.
func runEnvironment(req *pulumirpc.RunRequest) ([]string, error) {
	cfg := req.GetConfig()
	if cfg == nil {
		cfg = map[string]string{}
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretsJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration secret keys: %w", err)
	}
	return []string{"PULUMI_CONFIG=" + string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretsJSON)}, nil
}

// runResponse turns how Python ended into the engine's answer.
func runResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("problem executing program (could not run language executor): %v", err),
		}
	}
	if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program was terminated by signal: %v", ws.Signal())}
	}
	switch code := exitErr.ExitCode(); code {
	case exitCodeUserActionable:
		// The exec script has already reported the error through the engine.
		return &pulumirpc.RunResponse{Bail: true}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", code)}
	}
}
