/* error.c -- status names and the error-detail helper. */
#include <stdio.h>
#include <string.h>

#include "core/core.h"

const char *cordon_status_str(int status)
{
    switch (status) {
    case CORDON_OK:
        return "ok";
    case CORDON_ENOMEM:
        return "out of memory";
    case CORDON_EINVAL:
        return "invalid argument";
    case CORDON_EPARSE:
        return "parse error";
    case CORDON_ELIMIT:
        return "limit reached";
    case CORDON_ENOTFOUND:
        return "not found";
    case CORDON_EIO:
        return "i/o error";
    case CORDON_EKB:
        return "knowledge base error";
    case CORDON_ECHEM:
        return "chemistry error";
    default:
        return "unknown status";
    }
}

void cordon_error_clear(cordon_error *err)
{
    static const cordon_error init = CORDON_ERROR_INIT;
    if (err)
        *err = init;
}

int cordon__error(cordon_error *err, int status, size_t offset, const char *fmt,
                  ...)
{
    va_list ap;
    if (!err)
        return status;
    err->status = status;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

const char *cordon_version(void)
{
    return CORDON_VERSION_STRING;
}
