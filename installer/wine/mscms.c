/* Wine test stand-in for mscms.dll (README.md): no ICC profile, so Qt assumes sRGB. */
#include <windows.h>
__declspec(dllexport) HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD options) {
    (void)profile; (void)options;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
