{application,inc,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['inc.I']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
