/*
 * api.h: what the files of the api stage share: the public handles' layout.
 * The api stage is the only one that implements nomen.h's screening API; it
 * may use every earlier stage.
 */
#ifndef NOMEN_API_H
#define NOMEN_API_H

#include "index/index.h"
#include "load/load.h"
#include "score/score.h"

struct nomen_index {
    nomen__index *ix; /* one reference */
};

#endif
