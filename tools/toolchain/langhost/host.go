package langhost

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Host is the part of a pulumirpc.LanguageRuntimeServer that does not depend on the language:
// a host's Runtime embeds it and adds what does. The embedded Unimplemented server answers
// codes.Unimplemented for what neither implements.
type Host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	version  string             // reported by GetPluginInfo
	tracing  string             // Zipkin endpoint handed to programs, if the engine traces
	shutdown context.CancelFunc // stops the whole host (used when the engine goes away)

	mu            sync.Mutex
	engineAddress string // from the command line, or from Handshake
	// cancelCtx is cancelled by the Cancel RPC, which interrupts the processes running then.
	// Cancel replaces it with a fresh one: an engine attached to a long-lived host (Handshake)
	// sends Cancel each time it releases a plugin context, and later runs must still work.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

// NewHost makes the shared part of a host; shutdown stops the host's process.
func NewHost(version, tracing string, shutdown context.CancelFunc) *Host {
	ctx, cancel := context.WithCancel(context.Background())
	return &Host{version: version, tracing: tracing, shutdown: shutdown, cancelCtx: ctx, cancelFunc: cancel}
}

// Tracing is the Zipkin endpoint from our command line, for the programs we run; "" if the engine
// does not trace.
func (host *Host) Tracing() string { return host.tracing }

// Engine is the engine's address, for the programs we run; "" until the engine has given it.
func (host *Host) Engine() string {
	host.mu.Lock()
	defer host.mu.Unlock()
	return host.engineAddress
}

// connectEngine records the engine's address and polls its health, shutting the host down once
// the engine stops answering (as every Pulumi plugin does).
func (host *Host) connectEngine(ctx context.Context, address string) error {
	host.mu.Lock()
	host.engineAddress = address
	host.mu.Unlock()
	if err := rpcutil.Healthcheck(ctx, address, 5*time.Minute, host.shutdown); err != nil {
		return fmt.Errorf("could not start health check of the engine at %s: %w", address, err)
	}
	return nil
}

// Handshake is called first by engines that attach to an already running host (for example under
// PULUMI_DEBUG_LANGUAGES); when the engine launches us, it passes its address on the command line.
func (host *Host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	// The health check must outlive this request, so it gets a background context.
	if err := host.connectEngine(context.Background(), req.GetEngineAddress()); err != nil {
		return nil, err
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo reports the host's version, which the build sets to the Pulumi version it pins.
func (host *Host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: host.version}, nil
}

// RuntimeOptionsPrompts asks nothing during `pulumi new`: each host chooses its package manager or
// toolchain from the project's lock files, and has a default.
func (host *Host) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Template leaves a freshly instantiated template as it is; a host whose toolchain must prepare
// it implements its own.
func (host *Host) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}
