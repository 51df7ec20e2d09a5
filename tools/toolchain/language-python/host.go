package main

import (
	"context"
	"fmt"
	"io"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"kubesecret.local/toolchain/langhost"
)

// languageHost is the langhost.Runtime for Python, on the shared langhost.Host (Handshake,
// GetPluginInfo, Cancel, ...). What neither implements answers codes.Unimplemented (RunPlugin,
// GenerateProgram, GenerateProject, Pack).
type languageHost struct {
	*langhost.Host

	executor string // an exec script file to run instead of our embedded one (-use-executor)
}

// newRuntime makes our Runtime, with the executor given by -use-executor, if any.
func newRuntime(flags langhost.Flags, base *langhost.Host) (langhost.Runtime, error) {
	return &languageHost{Host: base, executor: flags.HostValues["use-executor"]}, nil
}

// About reports the Python interpreter and toolchain, for `pulumi about`. Old engines send no
// program info; then it is the python on PATH with pip, as upstream reports.
func (host *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	opts := toolchain.PythonOptions{Toolchain: toolchain.Pip}
	if info := req.GetInfo(); info != nil {
		var err error
		if opts, err = parseOptions(info, false); err != nil {
			return nil, err
		}
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	about, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{
		Executable: about.PythonExecutable,
		Version:    about.PythonVersion.String(),
		Metadata: map[string]string{
			"toolchain":        toolchain.Name(opts.Toolchain),
			"toolchainVersion": about.ToolchainVersion.String(),
			"typechecker":      toolchain.TypeCheckerName(opts.Typechecker),
		},
	}, nil
}

// ListPackages lists the Python packages installed in the program's environment.
func (host *languageHost) ListPackages(
	ctx context.Context, info *pulumirpc.ProgramInfo, transitive bool,
) ([]plugin.DependencyInfo, error) {
	tc, _, err := resolveToolchain(info, false)
	if err != nil {
		return nil, err
	}
	packages, err := tc.ListPackages(ctx, transitive)
	if err != nil {
		return nil, fmt.Errorf("failed to list the program's Python dependencies: %w", err)
	}
	return packages, nil
}

// Install installs a program's dependencies with its toolchain. For pip with a virtualenv that is
// `python3 -m venv <virtualenv>` (which leaves an existing one in place), `pip install --upgrade
// pip setuptools wheel`, then `pip install -r requirements.txt` in the program directory; for
// poetry and uv their own install commands. `useLanguageVersionTools` (pyenv) is passed on as
// asked.
func (host *languageHost) Install(
	ctx context.Context, req *pulumirpc.InstallDependenciesRequest, stdout, stderr io.Writer,
) error {
	tc, _, err := resolveToolchain(req.GetInfo(), req.GetIsPlugin())
	if err != nil {
		return err
	}
	return langhost.Installing(stdout, func() error {
		return tc.InstallDependencies(ctx, req.GetInfo().GetProgramDirectory(), req.GetUseLanguageVersionTools(),
			true /*showOutput*/, stdout, stderr)
	})
}

// Template prepares a freshly instantiated template for its toolchain (for poetry and uv, it turns
// requirements.txt into pyproject.toml dependencies; for pip there is nothing to do).
func (host *languageHost) Template(ctx context.Context, req *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	tc, _, err := resolveToolchain(req.GetInfo(), false)
	if err != nil {
		return nil, err
	}
	if err := tc.PrepareProject(ctx, req.GetProjectName(), req.GetInfo().GetProgramDirectory(),
		false /*showOutput*/, nil, nil); err != nil {
		return nil, err
	}
	return &pulumirpc.TemplateResponse{}, nil
}
