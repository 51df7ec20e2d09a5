package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// The variables through which the Go SDK's pulumi.Run reads the engine's settings (the Env*
// constants of github.com/pulumi/pulumi/sdk/v3/go/pulumi; a test checks that they agree).
const (
	envOrganization  = "PULUMI_ORGANIZATION"
	envProject       = "PULUMI_PROJECT"
	envRootDirectory = "PULUMI_ROOT_DIRECTORY"
	envStack         = "PULUMI_STACK"
	envDryRun        = "PULUMI_DRY_RUN"
	envParallel      = "PULUMI_PARALLEL"
	envMonitor       = "PULUMI_MONITOR"
	envEngine        = "PULUMI_ENGINE"
)

// ProgramCommand is how we run a program: the runtime option `binary` if set, else the program
// directory built with `go build` (into `buildTarget`, or a temporary file removed once the run
// is over). The binary gets the engine's settings and the configuration in its environment, from
// which pulumi.Run connects to the engine's resource monitor itself.
func (host *languageHost) ProgramCommand(
	ctx, processCtx context.Context, req *pulumirpc.RunRequest,
) (*exec.Cmd, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	env, err := runEnvironment(req, host.Engine())
	if err != nil {
		return nil, err
	}

	var program string
	if opts.binary != "" {
		if program, err = exec.LookPath(opts.binary); err != nil {
			return nil, fmt.Errorf("unable to find the program binary %q: %w", opts.binary, err)
		}
	} else {
		if program, err = buildProgram(processCtx, req.GetInfo().GetProgramDirectory(), opts.buildTarget); err != nil {
			return nil, err
		}
		if opts.buildTarget == "" {
			// processCtx ends when the run is over (or cancelled): the temporary binary goes then.
			context.AfterFunc(processCtx, func() { _ = os.Remove(program) })
		}
	}

	cmd := exec.CommandContext(processCtx, program, req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(os.Environ(), env...)
	logging.V(5).Infof("Running program: %s", cmd)
	return cmd, nil
}

// buildProgram runs `go build -o <target>` in the program directory and returns the binary's
// path. An empty target is a new temporary file. A failed build's error holds the compiler's
// output, which is what the user needs to see.
func buildProgram(ctx context.Context, programDir, target string) (string, error) {
	if matches, _ := filepath.Glob(filepath.Join(programDir, "*.go")); len(matches) == 0 {
		return "", fmt.Errorf("no Go files to build in %s", programDir)
	}
	gobin, err := goBinary()
	if err != nil {
		return "", err
	}
	if target == "" {
		f, err := os.CreateTemp("", "pulumi-go.*")
		if err != nil {
			return "", fmt.Errorf("unable to create a file for the Go program: %w", err)
		}
		target = f.Name()
		_ = f.Close()
	} else if !filepath.IsAbs(target) {
		target = filepath.Join(programDir, target)
	}

	cmd := exec.CommandContext(ctx, gobin, "build", "-o", target, ".")
	cmd.Dir = programDir
	logging.V(5).Infof("Building the Go program in %s: %s", programDir, cmd)
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.Remove(target)
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", fmt.Errorf("error in compiling Go: `go build` failed: %w\n%s", err, strings.TrimSpace(string(out)))
		}
		return "", fmt.Errorf("error in compiling Go: unable to run `go build`: %w", err)
	}
	return target, nil
}

// runEnvironment is what pulumi.Run reads: the engine's settings, each left out when the engine
// sends none, and the configuration (see langhost.ConfigEnvironment) with the engine's
// `namespace:name` keys, which the Go SDK reads as they are.
func runEnvironment(req *pulumirpc.RunRequest, engineAddress string) ([]string, error) {
	var env []string
	add := func(name, value string) {
		if value != "" {
			env = append(env, name+"="+value)
		}
	}
	add(envOrganization, req.GetOrganization())
	add(envProject, req.GetProject())
	add(envRootDirectory, req.GetInfo().GetRootDirectory())
	add(envStack, req.GetStack())
	add(envDryRun, strconv.FormatBool(req.GetDryRun()))
	add(envParallel, strconv.Itoa(int(req.GetParallel())))
	add(envMonitor, req.GetMonitorAddress())
	add(envEngine, engineAddress)
	config, err := langhost.ConfigEnvironment(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	return append(env, config...), nil
}
