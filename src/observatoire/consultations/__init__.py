"""Local consultations: a commune, EPCI or département asks its residents the observatory's questions.

Core logic only (no Django): the answers of a consultation become a weighted sample (raking to the
territory's sex × age margins with capped weights, :mod:`.weighting`), estimates with a model-based
« intervalle de crédibilité » from the effective sample size (:mod:`.estimates`), the thresholds that
decide what may be shown (:mod:`.thresholds`) and the comparison with the région's and France's published
figures (:mod:`.compare`, :mod:`.references`). The web app ``observatoire.web.consultations`` stores
consultations and answers and calls these functions.
"""
