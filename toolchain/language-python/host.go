package main

import (
	"context"
	"fmt"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"kubesecret.local/toolchain/langhost"
)

// languageHost implements pulumirpc.LanguageRuntimeServer for Python on the shared
// langhost.Host (Handshake, GetPluginInfo, Cancel). What neither implements answers
// codes.Unimplemented (RunPlugin, GenerateProgram, GenerateProject, Pack).
type languageHost struct {
	*langhost.Host

	executor string // an exec script file to run instead of our embedded one (-use-executor)
}

func newLanguageHost(base *langhost.Host, executor string) *languageHost {
	return &languageHost{Host: base, executor: executor}
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

// GetProgramDependencies lists the Python packages installed in the program's environment.
func (host *languageHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	tc, _, err := resolveToolchain(req.GetInfo(), false)
	if err != nil {
		return nil, err
	}
	packages, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, fmt.Errorf("failed to list the program's Python dependencies: %w", err)
	}
	return langhost.ProgramDependencies(packages), nil
}

// RuntimeOptionsPrompts asks nothing during `pulumi new`: without options in the template, the
// toolchain is detected from lock files (else pip, in the ambient Python).
func (host *languageHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
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
