// Command pulumi-language-python is a Pulumi language host for Python programs.
//
// Upstream's host is not served by the Go module proxy, and the pulumi PyPI wheel does not ship the
// pulumi-language-python-exec script that upstream installs next to it, so this is our own
// implementation of the pulumirpc.LanguageRuntime service with our own (embedded) exec script. It
// does what the engine and `pulumi package add` need from a Python host: it runs programs in their
// virtualenv (toolchains pip, poetry and uv, through the Python toolchain package of the Go SDK),
// reports the resource plugins that installed Python packages declare, installs dependencies,
// generates Python SDKs from schemas and links them into programs. Running Python plugins and
// policy packs, program/project generation and Pack are not implemented.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	args := parseArgs(os.Args[1:])
	if args.showVersion {
		fmt.Println(version)
		return
	}
	logging.InitLogging(args.logToStderr, args.verbose, args.logFlow)

	// We stop serving on SIGINT/SIGTERM, or when the engine stops answering health checks
	// (so that we never outlive an engine that died without killing us).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	host := newLanguageHost(args.tracing, args.executor, stop)
	if args.engineAddress != "" {
		if err := host.connectEngine(ctx, args.engineAddress); err != nil {
			cmdutil.Exit(err)
		}
	}

	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}

	// The engine reads the port we listen on from the first line of our stdout.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}
