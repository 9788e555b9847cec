package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/net/websocket"
)

// bidiConn is a minimal WebDriver BiDi client: JSON commands with ids over
// one WebSocket, answers matched by id, events handed to a callback. It is
// all the suite needs to drive Firefox (https://w3c.github.io/webdriver-bidi/).
type bidiConn struct {
	ws *websocket.Conn

	mu      sync.Mutex
	nextID  int
	pending map[int]chan bidiAnswer
	onEvent func(method string, params json.RawMessage)
	closed  error
}

type bidiAnswer struct {
	Type    string          `json:"type"` // "success", "error" or "event"
	ID      int             `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// bidiOrigin is the Origin the WebSocket handshake sends (x/net/websocket
// always sends one); Firefox refuses it unless --remote-allow-origins lists it.
const bidiOrigin = "http://127.0.0.1"

func dialBiDi(url string, onEvent func(string, json.RawMessage)) (*bidiConn, error) {
	ws, err := websocket.Dial(url, "", bidiOrigin)
	if err != nil {
		return nil, err
	}
	ws.MaxPayloadBytes = 64 << 20
	c := &bidiConn{ws: ws, pending: map[int]chan bidiAnswer{}, onEvent: onEvent}
	go c.read()
	return c, nil
}

func (c *bidiConn) read() {
	for {
		var msg []byte
		if err := websocket.Message.Receive(c.ws, &msg); err != nil {
			c.mu.Lock()
			c.closed = err
			for id, ch := range c.pending {
				close(ch)
				delete(c.pending, id)
			}
			c.mu.Unlock()
			return
		}
		var a bidiAnswer
		if json.Unmarshal(msg, &a) != nil {
			continue
		}
		if a.Type == "event" {
			if c.onEvent != nil {
				c.onEvent(a.Method, a.Params)
			}
			continue
		}
		c.mu.Lock()
		ch := c.pending[a.ID]
		delete(c.pending, a.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- a
		}
	}
}

// call sends one command and decodes its result into out (if not nil).
func (c *bidiConn) call(timeout time.Duration, method string, params any, out any) error {
	c.mu.Lock()
	if c.closed != nil {
		c.mu.Unlock()
		return fmt.Errorf("bidi %s: connection closed: %w", method, c.closed)
	}
	c.nextID++
	id := c.nextID
	ch := make(chan bidiAnswer, 1)
	c.pending[id] = ch
	c.mu.Unlock()

	if params == nil {
		params = struct{}{}
	}
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := websocket.Message.Send(c.ws, string(msg)); err != nil {
		return fmt.Errorf("bidi %s: %w", method, err)
	}
	select {
	case a, ok := <-ch:
		if !ok {
			return fmt.Errorf("bidi %s: connection closed", method)
		}
		if a.Type == "error" {
			return fmt.Errorf("bidi %s: %s: %s", method, a.Error, a.Message)
		}
		if out != nil {
			return json.Unmarshal(a.Result, out)
		}
		return nil
	case <-time.After(timeout):
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
		return fmt.Errorf("bidi %s: no answer within %s", method, timeout)
	}
}

func (c *bidiConn) close() error {
	if c == nil || c.ws == nil {
		return errors.New("not connected")
	}
	return c.ws.Close()
}
