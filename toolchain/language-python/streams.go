package main

import (
	"sync"

	"google.golang.org/grpc"
)

// lockedStream serialises Send on a gRPC server stream. The rpcutil stream writers send each
// write as a message, and exec.Cmd copies a child's stdout and stderr from two goroutines, while
// gRPC forbids concurrent Send calls on one stream.
type lockedStream[T any] struct {
	grpc.ServerStreamingServer[T]
	mu sync.Mutex
}

func (s *lockedStream[T]) Send(msg *T) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ServerStreamingServer.Send(msg)
}
