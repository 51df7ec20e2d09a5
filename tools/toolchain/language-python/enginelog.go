package main

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// engineLogWriters returns writers that show their text as ephemeral messages of the engine's
// display (info and error severity), for output of work the engine did not ask to see, like
// creating a missing virtualenv while it asks for the required plugins. Without an engine, the
// text goes to our stderr, which the engine logs. Call the returned function when done.
func (host *languageHost) engineLogWriters(ctx context.Context) (stdout, stderr io.Writer, done func()) {
	address := host.Engine()
	if address == "" {
		return os.Stderr, os.Stderr, func() {}
	}
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()),
		rpcutil.GrpcChannelOptions())
	if err != nil {
		return os.Stderr, os.Stderr, func() {}
	}
	client := pulumirpc.NewEngineClient(conn)
	stream := rand.Int32() //nolint:gosec // only groups the messages of one output stream
	info := &engineLog{ctx: ctx, client: client, stream: stream, severity: pulumirpc.LogSeverity_INFO}
	errs := &engineLog{ctx: ctx, client: client, stream: stream, severity: pulumirpc.LogSeverity_ERROR}
	return info, errs, func() { _ = conn.Close() }
}

type engineLog struct {
	ctx      context.Context
	client   pulumirpc.EngineClient
	stream   int32
	severity pulumirpc.LogSeverity
}

func (w *engineLog) Write(p []byte) (int, error) {
	_, err := w.client.Log(w.ctx, &pulumirpc.LogRequest{
		Severity:  w.severity,
		Message:   strings.ToValidUTF8(string(p), "\uFFFD"),
		Ephemeral: true,
		StreamId:  w.stream,
	})
	if err != nil {
		return 0, err
	}
	return len(p), nil
}
