import { isAppUrl } from './app-url';

// Every permission is refused except one: the camera (video only, never the microphone), asked by
// our own top-level page, so a laptop can scan the QR code of a sync invite. A frame or any other
// origin gets nothing, as before.

export interface PermissionRequestDetails {
  isMainFrame?: boolean;
  requestingUrl?: string;
  mediaTypes?: readonly string[];
  securityOrigin?: string;
}

export interface PermissionCheckDetails {
  isMainFrame?: boolean;
  mediaType?: string;
  securityOrigin?: string;
}

/** For `setPermissionRequestHandler`: getUserMedia({ video }) from app://cordon. */
export function allowPermissionRequest(permission: string, details: PermissionRequestDetails = {}): boolean {
  const types = details.mediaTypes ?? [];
  return (
    permission === 'media' &&
    details.isMainFrame === true &&
    types.length > 0 &&
    types.every((type) => type === 'video') &&
    isAppUrl(details.requestingUrl ?? '') &&
    (details.securityOrigin === undefined || isAppUrl(details.securityOrigin))
  );
}

/** For `setPermissionCheckHandler`: the same camera, asked about by the same page. */
export function allowPermissionCheck(permission: string, requestingOrigin: string, details: PermissionCheckDetails = {}): boolean {
  return permission === 'media' && details.mediaType === 'video' && details.isMainFrame === true && isAppUrl(requestingOrigin) && (details.securityOrigin === undefined || isAppUrl(details.securityOrigin));
}
