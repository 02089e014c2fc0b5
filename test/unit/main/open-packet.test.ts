import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packetPathFromArgv, PendingPacket, WindowCommands } from '../../../electron/main/open-packet';

describe('packetPathFromArgv', () => {
  const cwd = resolve('/home/ana/Downloads');
  it.each<[string, string[], string | null]>([
    ['no arguments', ['/opt/Evidence Packager/evidence-packager'], null],
    ['a packaged launch with a packet', ['/opt/app/evidence-packager', 'evidence-INC-1.zip'], resolve(cwd, 'evidence-INC-1.zip')],
    ['an absolute path', ['/opt/app/evidence-packager', '/media/usb/Packet.ZIP'], resolve('/media/usb/Packet.ZIP')],
    ['development (electron . packet.zip) with Chromium switches', ['/x/electron', '.', '--allow-file-access-from-files', 'packet.zip'], resolve(cwd, 'packet.zip')],
    ['a switch that looks like a packet', ['/x/app', '--user-data-dir=/tmp/a.zip'], null],
    ['a file:// URL', ['/x/app', 'file:///media/usb/packet.zip'], resolve('/media/usb/packet.zip')],
    ['an https URL', ['/x/app', 'https://evil.example/packet.zip'], null],
    ['another file type', ['/x/app', 'notes.csv'], null],
    ['the executable itself named .zip', ['/x/app.zip'], null],
    ['two packets: the last wins', ['/x/app', 'a.zip', 'b.zip'], resolve(cwd, 'b.zip')],
  ])('%s', (_label, argv, expected) => {
    expect(packetPathFromArgv(argv, cwd)).toBe(expected);
  });
});

describe('PendingPacket', () => {
  it('answers the chooser once, and only while fresh', () => {
    let now = 1000;
    const pending = new PendingPacket(() => now, 60_000);
    expect(pending.take()).toBeNull();
    pending.offer('/a.zip');
    expect(pending.take()).toBe('/a.zip');
    expect(pending.take()).toBeNull();
    pending.offer('/b.zip');
    now += 60_001;
    expect(pending.take()).toBeNull();
  });
});

describe('WindowCommands', () => {
  it('holds commands until the page listens, once each, then sends at once', () => {
    const sent: string[] = [];
    const commands = new WindowCommands<string>((c) => void sent.push(c));
    commands.run('open-packet');
    commands.run('open-packet');
    commands.run('import-files');
    expect(sent).toEqual([]);
    commands.ready();
    expect(sent).toEqual(['open-packet', 'import-files']);
    commands.run('open-packet');
    expect(sent).toEqual(['open-packet', 'import-files', 'open-packet']);
    commands.notReady();
    commands.run('import-files');
    commands.ready();
    commands.ready();
    expect(sent).toEqual(['open-packet', 'import-files', 'open-packet', 'import-files']);
  });
});
