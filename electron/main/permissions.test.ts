import { describe, expect, it } from 'vitest';
import { allowPermissionCheck, allowPermissionRequest } from './permissions';

const page = 'app://cordon/index.html';
const camera = { isMainFrame: true, requestingUrl: page, mediaTypes: ['video'], securityOrigin: 'app://cordon/' };

describe('permission requests', () => {
  it('give our own page the camera, to scan an invite', () => {
    expect(allowPermissionRequest('media', camera)).toBe(true);
    expect(allowPermissionRequest('media', { isMainFrame: true, requestingUrl: `${page}#/incidents`, mediaTypes: ['video'] })).toBe(true);
  });

  it.each([
    ['the microphone', 'media', { ...camera, mediaTypes: ['audio'] }],
    ['camera and microphone', 'media', { ...camera, mediaTypes: ['video', 'audio'] }],
    ['no media type', 'media', { ...camera, mediaTypes: [] }],
    ['a frame', 'media', { ...camera, isMainFrame: false }],
    ['another origin', 'media', { ...camera, requestingUrl: 'https://evil.example/', securityOrigin: 'https://evil.example/' }],
    ['a look-alike host', 'media', { ...camera, requestingUrl: 'app://cordon.evil/index.html' }],
    ['a foreign security origin', 'media', { ...camera, securityOrigin: 'file:///' }],
    ['a file page', 'media', { ...camera, requestingUrl: 'file:///tmp/x.html', securityOrigin: 'file:///' }],
    ['notifications', 'notifications', camera],
    ['geolocation', 'geolocation', camera],
    ['screen capture', 'display-capture', camera],
    ['clipboard', 'clipboard-read', camera],
  ])('refuse %s', (_what, permission, details) => {
    expect(allowPermissionRequest(permission, details)).toBe(false);
  });

  it('refuse a request that comes without details', () => {
    expect(allowPermissionRequest('media')).toBe(false);
  });
});

describe('permission checks', () => {
  it('say yes only for the camera of our own page', () => {
    expect(allowPermissionCheck('media', 'app://cordon', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(allowPermissionCheck('media', 'app://cordon', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://cordon', { isMainFrame: true, mediaType: 'unknown' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://cordon', { isMainFrame: false, mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('media', 'https://evil.example', { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://cordon', { isMainFrame: true, mediaType: 'video', securityOrigin: 'https://evil.example' })).toBe(false);
    expect(allowPermissionCheck('clipboard-read', 'app://cordon', { isMainFrame: true })).toBe(false);
    expect(allowPermissionCheck('media', 'app://cordon')).toBe(false);
  });
});
