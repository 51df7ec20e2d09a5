package langhost

import (
	"sync"

	"google.golang.org/grpc"
)

// LockedStream serialises Send on a gRPC server stream. The rpcutil stream writers send each
// write as a message, and exec.Cmd copies a child's stdout and stderr from two goroutines, while
// gRPC forbids concurrent Send calls on one stream.
type LockedStream[T any] struct {
	grpc.ServerStreamingServer[T]
	mu sync.Mutex
}

func (s *LockedStream[T]) Send(msg *T) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ServerStreamingServer.Send(msg)
}
