// A WebSocket that lives as long as the element showing it: it is closed once `element` has left
// the page (another route, a re-render), checked at each message and every two seconds (servers
// write only when something changes). `onMessage(parsed JSON, close)`; `onLost()` when the server
// ends the connection while the element is still shown.
export function liveSocket(path, element, { onMessage, onLost }) {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`);
  const born = Date.now();
  let shown = false;
  let done = false;
  const close = () => {
    done = true;
    clearInterval(watch);
    ws.close();
  };
  const gone = () => {
    if (element.isConnected) {
      shown = true;
      return false;
    }
    if (!shown && Date.now() - born < 10_000) return false;  // not on the page yet (a render superseded never is)
    close();
    return true;
  };
  const watch = setInterval(gone, 2000);
  ws.addEventListener('close', () => {
    clearInterval(watch);
    if (!done && element.isConnected) onLost?.();
  });
  ws.addEventListener('message', (event) => {
    if (!gone()) onMessage(JSON.parse(event.data), close);
  });
  return close;
}
