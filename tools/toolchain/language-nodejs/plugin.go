package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"kubesecret.local/toolchain/langhost"
)

// RunPlugin runs a source-based plugin: a directory with a PulumiPlugin.yaml saying
// `runtime: nodejs` and a package.json. @pulumi/pulumi's cmd/run-plugin loads the package; when it
// exports ComponentResource classes it serves them as a component provider, which prints its port
// on stdout as any provider does. We stream the plugin's stdout and stderr back to the engine,
// which reads the port from them, and finally its exit code.
func (host *languageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	info := req.GetInfo()
	switch {
	case req.GetKind() == "analyzer":
		return status.Error(codes.Unimplemented, "this Node.js language host does not run policy packs")
	case req.GetAttachDebugger():
		return errors.New("this Node.js language host does not support attaching a debugger")
	}
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	node, err := nodeBinary()
	if err != nil {
		return err
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = runPluginModule
	}
	script, err := resolveModule(info.GetProgramDirectory(), runPath, os.Getenv("NODE_PATH"))
	if err != nil {
		return fmt.Errorf("%w (run npm install in %s)", err, info.GetProgramDirectory())
	}

	stream := &langhost.LockedStream[pulumirpc.RunPluginResponse]{ServerStreamingServer: server}
	// Never a terminal: the engine parses the plugin's stdout.
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(stream, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	// cmd/run-plugin takes the plugin directory, then the plugin's own arguments (the engine's
	// logging/tracing flags and its address), which become the provider's process.argv.
	args := append([]string{}, opts.nodeargs...)
	args = append(args, script, info.GetProgramDirectory())
	args = append(args, req.GetArgs()...)

	cmd, release := host.nodeCommand(server.Context(), node, args)
	defer release()
	// The engine sends the whole environment a plugin should have; an old engine may send none.
	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	cmd.Env = append(append([]string{}, env...), opts.typescriptEnv()...)
	cmd.Dir = req.GetPwd()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	logging.V(5).Infof("Running plugin: %s", cmd)

	err = cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return fmt.Errorf("problem executing plugin program (could not run node): %w", err)
	}
	if err := closer.Close(); err != nil {
		return err
	}
	code := 0
	if exitErr != nil {
		code = exitErr.ExitCode()
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal())
		}
	}
	return stream.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{
		Exitcode: int32(code),
	}})
}

// nodeCommand makes a node command that is interrupted (SIGINT, then killed after 5s) when the
// request ends or the engine calls Cancel. Call release once the command has finished.
func (host *languageHost) nodeCommand(ctx context.Context, node string, args []string) (_ *exec.Cmd, release func()) {
	cmdCtx, release := host.ProcessContext(ctx)
	cmd := exec.CommandContext(cmdCtx, node, args...)
	langhost.Interruptible(cmd)
	return cmd, release
}
