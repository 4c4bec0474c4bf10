import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import { shutdownEngines, track } from '../helpers/events';
import { hex, killAllPeers, spawnPeer, startListeningPeer, utf8 } from '../helpers/peer';

afterEach(async () => {
  shutdownEngines();
  await killAllPeers();
});

describe('Engine.shutdown', () => {
  it('frees every port: the same ports can be bound again at once', async () => {
    const engine = createEngine();
    const log = track(engine);
    const udpBound = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const udpUnbound = await engine.openUdp({ bind: false });
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0 });
    const udpPort = udpBound.local?.port ?? 0;
    const tcpPort = server.local?.port ?? 0;

    // Traffic on each, so every kind of socket is really in use: an accepted connection,
    // an outgoing client connection, and an unbound UDP socket the OS has bound on send.
    const pythonClient = spawnPeer('tcp_client.py', ['127.0.0.1', String(tcpPort)]);
    await pythonClient.line('LOCAL');
    const { peer: pythonServer, port: pythonPort } = await startListeningPeer('tcp_server.py');
    const client = engine.connectTcp({ host: '127.0.0.1', port: pythonPort });
    await log.waitForState(client.id, 'connected');
    const { peer: receiver, port: receiverPort } = await startListeningPeer('udp_recv.py');
    await engine.udpSend({
      sessionId: udpUnbound.id,
      host: '127.0.0.1',
      port: receiverPort,
      payload: utf8('x'),
    });
    const [, , implicitPortText] = await receiver.line('RECV');
    const implicitPort = Number(implicitPortText);
    await log.waitFor(
      () => (engine.list().filter((s) => s.kind === 'tcp-conn').length === 1 ? true : undefined),
      'accept',
    );

    engine.shutdown();

    // The peers see the connections go away (an outgoing connection's ephemeral port then
    // lingers in TIME_WAIT, as TCP requires; the ports we bound or listened on are free).
    await pythonClient.line('CLOSED');
    await pythonServer.line('CLOSED');

    // Every port can be taken again right away, exclusively.
    const again = createEngine();
    track(again);
    const udp1 = await again.openUdp({ bind: true, address: '127.0.0.1', port: udpPort });
    const udp2 = await again.openUdp({ bind: true, address: '0.0.0.0', port: implicitPort });
    const tcp = await again.listenTcp({ address: '127.0.0.1', port: tcpPort });
    expect([udp1.local?.port, udp2.local?.port, tcp.local?.port]).toEqual([udpPort, implicitPort, tcpPort]);

    // And the rebound endpoint works.
    const sender = spawnPeer('udp_send.py', ['127.0.0.1', String(udpPort), hex('again'), '--replies', '0']);
    await sender.line('LOCAL');
    const againLog = track(again);
    const [record] = await againLog.waitForRecords(udp1.id, 'in', 1);
    expect(hex(record?.bytes ?? new Uint8Array())).toBe(hex('again'));
  });
});
