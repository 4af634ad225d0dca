/* Wine test stand-in for Windows' icuuc.dll (README.md). No converter exists: Qt falls back
   to its own UTF-8/16 codecs. Only ucnv_open is reached when that is so. */
#include <stddef.h>
#define U_MISSING_RESOURCE_ERROR 2
__declspec(dllexport) void *ucnv_open(const char *name, int *status) {
    (void)name;
    if (status) *status = U_MISSING_RESOURCE_ERROR;
    return NULL;
}
#define NOTHING(fn) __declspec(dllexport) size_t fn(void) { return 0; }
NOTHING(ucnv_close) NOTHING(ucnv_reset) NOTHING(ucnv_getMaxCharSize) NOTHING(ucnv_getName)
NOTHING(ucnv_getToUCallBack) NOTHING(ucnv_getFromUCallBack) NOTHING(ucnv_setToUCallBack)
NOTHING(ucnv_setFromUCallBack) NOTHING(ucnv_cbToUWriteUChars) NOTHING(ucnv_toUnicode)
NOTHING(ucnv_cbFromUWriteUChars) NOTHING(ucnv_toUCountPending) NOTHING(ucnv_fromUCountPending)
NOTHING(ucnv_getStandardName) NOTHING(ucnv_getAvailableName) NOTHING(ucnv_countAvailable)
NOTHING(ucnv_fromUnicode) NOTHING(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
NOTHING(UCNV_TO_U_CALLBACK_SUBSTITUTE)
