package langhost

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

// Main is a language host's process: it reads the command line (with the language's own value
// flags, see ParseFlags), then serves the LanguageRuntime service of the language's Runtime until
// SIGINT/SIGTERM, or until the engine stops answering health checks (so that we never outlive an
// engine that died without killing us). It exits the process on errors.
func Main(language Language) {
	flags := ParseFlags(os.Args[1:], language.ValueFlags...)
	if flags.ShowVersion {
		fmt.Println(language.Version)
		return
	}
	logging.InitLogging(flags.LogToStderr, flags.Verbose, flags.LogFlow)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	host := NewHost(language.Version, flags.Tracing, stop)
	runtime, err := language.NewRuntime(flags, host)
	if err != nil {
		cmdutil.Exit(err)
	}
	if flags.EngineAddress != "" {
		if err := host.connectEngine(ctx, flags.EngineAddress); err != nil {
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
			pulumirpc.RegisterLanguageRuntimeServer(srv, &service{Runtime: runtime, host: host, language: language})
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
