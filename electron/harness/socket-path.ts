/** Where the harness page opens its WebSocket (calls and pushes); shared by server and page. */
export const socketPath = '/socket';
