package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/protobuf/types/known/emptypb"
)

// languageHost implements pulumirpc.LanguageRuntimeServer. The embedded Unimplemented server
// answers codes.Unimplemented for what we do not support (RunPlugin, GenerateProgram,
// GenerateProject, Pack).
type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing  string             // Zipkin endpoint handed to the exec script, if the engine traces
	executor string             // an exec script file to run instead of our embedded one (-use-executor)
	shutdown context.CancelFunc // stops the whole host (used when the engine goes away)

	mu            sync.Mutex
	engineAddress string // from the command line, or from Handshake
	// cancelCtx is cancelled by the Cancel RPC, which interrupts the Python processes running then.
	// Cancel replaces it with a fresh one: an engine attached to a long-lived host (Handshake)
	// sends Cancel each time it releases a plugin context, and later runs must still work.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

func newLanguageHost(tracing, executor string, shutdown context.CancelFunc) *languageHost {
	ctx, cancel := context.WithCancel(context.Background())
	return &languageHost{tracing: tracing, executor: executor, shutdown: shutdown, cancelCtx: ctx, cancelFunc: cancel}
}

// connectEngine records the engine's address and polls its health, shutting the host down once
// the engine stops answering (as every Pulumi plugin does).
func (host *languageHost) connectEngine(ctx context.Context, address string) error {
	host.mu.Lock()
	host.engineAddress = address
	host.mu.Unlock()
	if err := rpcutil.Healthcheck(ctx, address, 5*time.Minute, host.shutdown); err != nil {
		return fmt.Errorf("could not start health check of the engine at %s: %w", address, err)
	}
	return nil
}

func (host *languageHost) engine() string {
	host.mu.Lock()
	defer host.mu.Unlock()
	return host.engineAddress
}

// Handshake is called first by engines that attach to an already running host (for example under
// PULUMI_DEBUG_LANGUAGES); when the engine launches us, it passes its address on the command line.
func (host *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	// The health check must outlive this request, so it gets a background context.
	if err := host.connectEngine(context.Background(), req.GetEngineAddress()); err != nil {
		return nil, err
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (host *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Cancel interrupts running programs; the engine calls it on Ctrl-C and before it shuts us down.
func (host *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	host.mu.Lock()
	defer host.mu.Unlock()
	host.cancelFunc()
	host.cancelCtx, host.cancelFunc = context.WithCancel(context.Background())
	return &emptypb.Empty{}, nil
}

// cancelled returns the context that the next Cancel call cancels.
func (host *languageHost) cancelled() context.Context {
	host.mu.Lock()
	defer host.mu.Unlock()
	return host.cancelCtx
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
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, p := range packages {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return resp, nil
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
