{application,inc,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['inc.I']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
