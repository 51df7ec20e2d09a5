package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// languageHost implements pulumirpc.LanguageRuntimeServer. The embedded Unimplemented server
// answers codes.Unimplemented for what we do not support (code generation, Link, Pack).
type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing  string             // Zipkin endpoint handed to node, if the engine traces
	shutdown context.CancelFunc // stops the whole host (used when the engine goes away)

	mu            sync.Mutex
	engineAddress string // from the command line, or from Handshake
	// cancelCtx is cancelled by the Cancel RPC, which interrupts the node processes running then.
	// Cancel replaces it with a fresh one: an engine attached to a long-lived host (Handshake)
	// sends Cancel each time it releases a plugin context, and later runs must still work.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

func newLanguageHost(tracing string, shutdown context.CancelFunc) *languageHost {
	ctx, cancel := context.WithCancel(context.Background())
	return &languageHost{tracing: tracing, shutdown: shutdown, cancelCtx: ctx, cancelFunc: cancel}
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

// Cancel interrupts running programs and plugins; the engine calls it on Ctrl-C and before it
// shuts us down.
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

// About reports node and the package manager, for `pulumi about`.
func (host *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := nodeBinary()
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.AboutResponse{Executable: node, Metadata: map[string]string{}}
	if out, err := exec.CommandContext(ctx, node, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	if opts, err := parseOptions(req.GetInfo()); err == nil {
		if pm, err := npm.ResolvePackageManager(opts.packagemanager, req.GetInfo().GetProgramDirectory()); err == nil {
			resp.Metadata["packagemanager"] = pm.Name()
			if v, err := pm.Version(); err == nil {
				resp.Metadata["packagemanagerVersion"] = v.String()
			}
		}
	}
	return resp, nil
}

// GetProgramDependencies lists the npm packages the program uses, read from its lock file.
func (host *languageHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	dir := req.GetInfo().GetProgramDirectory()
	pm, err := npm.ResolvePackageManager(opts.packagemanager, dir)
	if err != nil {
		return nil, err
	}
	packages, err := pm.ListPackages(ctx, dir, req.GetTransitiveDependencies())
	if err != nil {
		return nil, fmt.Errorf("failed to list the program's node dependencies: %w", err)
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, p := range packages {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return resp, nil
}

// RuntimeOptionsPrompts asks nothing during `pulumi new`: the package manager is chosen
// automatically (from lock files, else npm).
func (host *languageHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Template has nothing to adjust in a freshly instantiated Node.js template.
func (host *languageHost) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

// nodeBinary is the node on PATH, which runs programs and plugins.
func nodeBinary() (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", errors.New("could not find node on the $PATH; install Node.js to run Pulumi programs written " +
			"in JavaScript or TypeScript")
	}
	return node, nil
}
